import { readFileSync } from "node:fs";
import { connect } from "./db";

// The file is always there in production, so no need to handle it missing.
const password = readFileSync("/run/secrets/db_password", "utf8").replace(/\r?\n$/, "");

const db = connect("app", password);
console.log(`connected to the database as ${db.user}`);
console.log(db.query("select 1"));
