import { connect } from "./db";
import { readSecret, MissingSecretError } from "./secrets";

let password: string;
try {
  password = readSecret("db_password");
} catch (error) {
  if (!(error instanceof MissingSecretError)) throw error;
  console.error(`cannot start: ${error.message}`);
  process.exit(1);
}

const db = connect("app", password);
console.log(`connected to the database as ${db.user}`);
console.log(db.query("select 1"));
