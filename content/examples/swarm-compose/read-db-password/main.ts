import { connect } from "./db";
import { readDockerSecret } from "./secrets";

// Swarm mounts the secret at /run/secrets/db_password in every task of the service.
const password = readDockerSecret("db_password");

const db = connect("app", password);
console.log(`connected to the database as ${db.user}`);
console.log(db.query("select 1"));
console.log(`environment has a password: ${Object.keys(process.env).some((k) => /PASSWORD$/.test(k))}`);
