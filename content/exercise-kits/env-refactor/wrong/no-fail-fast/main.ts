// The key comes from the environment.
const apiKey = process.env.EXTERNAL_API_KEY;

// Settings that are safe to log live apart from the key.
const config = {
  baseUrl: "https://api.payments.example",
  currency: "eur",
};
console.log("payments config:", config);

async function charge(amountCents: number, customerId: string) {
  const res = await fetch(`${config.baseUrl}/v1/charges`, {
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ amount: amountCents, currency: config.currency, customer: customerId }),
  });
  if (!res.ok) {
    // Log what failed (status, the API's message), never the request headers.
    const body = await res.json();
    throw new Error(`charge failed (${res.status}): ${body.error.message}`);
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
