import { config } from "dotenv";

const before = new Set(Object.keys(process.env));

// Reads /app/.env into process.env. Variables that are already set are NOT overridden.
const result = config();
if (result.error) {
  console.error("no .env file:", result.error.message);
}

for (const name of ["EXTERNAL_API_KEY", "PORT"]) {
  const source = before.has(name) ? "the real environment" : ".env";
  console.log(`${name} comes from ${source}`);
}
console.log("PORT =", process.env.PORT);
console.log("key loaded:", process.env.EXTERNAL_API_KEY ? "yes" : "no");
