import { readFileSync } from "node:fs";
import { connect } from "./db";

// The password is mounted at /run/secrets/db_password. This works... almost.
const password = readFileSync("/run/secrets/db_password", "utf8");
const db = connect("app", password);
console.log(`connected to the database as ${db.user}`);
console.log(db.query("select 1"));
