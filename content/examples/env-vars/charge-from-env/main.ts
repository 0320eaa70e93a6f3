// The payments client from topic 1, with the key read from the environment.
const apiKey = process.env.EXTERNAL_API_KEY;
if (!apiKey) {
  console.error("EXTERNAL_API_KEY is not set: refusing to start.");
  process.exit(1);
}

async function charge(amountCents: number, customerId: string) {
  const res = await fetch("https://api.payments.example/v1/charges", {
    method: "POST",
    headers: {
      Authorization: `Bearer ${apiKey}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify({ amount: amountCents, currency: "eur", customer: customerId }),
  });
  if (!res.ok) throw new Error(`charge failed: ${res.status}`);
  return res.json();
}

const receipt = await charge(1999, "cus_demo_42");
console.log("charged", receipt.amount, receipt.currency, "->", receipt.status);
