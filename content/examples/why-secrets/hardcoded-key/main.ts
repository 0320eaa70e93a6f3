// The payments client as it often starts: the key is part of the code.
const PAYMENTS_API_KEY = "sk_test_51FakeKeyForSecretsLab000000000000"; // fake, for this course

async function charge(amountCents: number, customerId: string) {
  const res = await fetch("https://api.payments.example/v1/charges", {
    method: "POST",
    headers: {
      Authorization: `Bearer ${PAYMENTS_API_KEY}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify({ amount: amountCents, currency: "eur", customer: customerId }),
  });
  if (!res.ok) throw new Error(`charge failed: ${res.status}`);
  return res.json();
}

const receipt = await charge(1999, "cus_demo_42");
console.log("charged", receipt.amount, receipt.currency, "->", receipt.status);
