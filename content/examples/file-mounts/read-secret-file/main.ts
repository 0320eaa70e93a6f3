import { readSecret, MissingSecretError } from "./secrets";
import { mask } from "./mask";

try {
  const { value, source } = readSecret("db_password");
  console.log(`db_password loaded from ${source} (${mask(value)})`);
  // ... connect to the database with `value` here ...
} catch (error) {
  if (!(error instanceof MissingSecretError)) throw error;
  console.error(`cannot start: ${error.message}`);
  process.exit(1);
}
