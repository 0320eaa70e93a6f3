// A scratch pad: edit anything and press Run (Ctrl+Enter).
// Available: process.env, node:fs, node:path, node:util, dotenv, fetch to the simulated hosts.
import { readFileSync } from "node:fs";

const password = readFileSync("/run/secrets/db_password", "utf8").trim();
console.log("db_password has", password.length, "characters; last 4:", password.slice(-4));
console.log("EXTERNAL_API_KEY is", process.env.EXTERNAL_API_KEY ? "set" : "missing");
