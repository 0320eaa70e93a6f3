// Half done: the header uses the key from the environment, but config still holds the old literal.
const PAYMENTS_API_KEY = "sk_test_51FakeKeyForSecretsLab000000000000"; // fake, for this course
const apiKey = process.env.EXTERNAL_API_KEY;
if (!apiKey) {
  console.error("EXTERNAL_API_KEY is not set: refusing to start.");
  process.exit(1);
}

const config = {
  apiKey: PAYMENTS_API_KEY,
  baseUrl: "https://api.payments.example",
  currency: "eur",
};
console.log("payments config:", config);

async function charge(amountCents: number, customerId: string) {
  const init = {
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ amount: amountCents, currency: config.currency, customer: customerId }),
  };
  const res = await fetch(`${config.baseUrl}/v1/charges`, init);
  if (!res.ok) {
    throw new Error(`charge failed: ${res.status}`);
  }
  return res.json();
}

for (const [amount, customer] of [[1999, "cus_demo_1"], [0, "cus_demo_2"]] as const) {
  try {
    const receipt = await charge(amount, customer);
    console.log("charged", receipt.amount, receipt.currency, "->", receipt.status);
  } catch (error) {
    console.error(`order for ${customer} failed: ${(error as Error).message}`);
  }
}
