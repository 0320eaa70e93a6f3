// The payments service (its code is not the subject here: the Dockerfile is).
console.log("payments service listening on :8080");
