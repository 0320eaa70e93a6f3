// Read the key once at start-up, keep it in this module, then remove it from process.env.
function takeSecret(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`${name} is not set: refusing to start.`);
    process.exit(1);
  }
  delete process.env[name];
  return value;
}

const apiKey = takeSecret("EXTERNAL_API_KEY");

// From here on, code that dumps or forwards process.env no longer has the key.
console.log("EXTERNAL_API_KEY still in process.env?", "EXTERNAL_API_KEY" in process.env);
console.log("environment now:", process.env);

const res = await fetch("https://api.payments.example/v1/charges", {
  method: "POST",
  headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
  body: JSON.stringify({ amount: 1999, currency: "eur", customer: "cus_demo_42" }),
});
const receipt = await res.json();
console.log("charged", receipt.amount, receipt.currency, "->", receipt.status);
