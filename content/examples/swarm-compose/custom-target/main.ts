import { connect } from "./db";
import { readDockerSecret } from "./secrets";

// The service was created with
//   --secret source=db_password_v2,target=/etc/payments/db_password
//   -e DB_PASSWORD_FILE=/etc/payments/db_password
// so the code asks for "db_password" and follows DB_PASSWORD_FILE to the file.
try {
  const db = connect("app", readDockerSecret("db_password"));
  console.log(`connected to the database as ${db.user}`);
} catch (error) {
  console.error(`cannot start: ${(error as Error).message}`);
  process.exit(1);
}
