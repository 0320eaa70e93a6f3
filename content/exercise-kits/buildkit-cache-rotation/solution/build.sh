# The CI build command. CI exports NPM_TOKEN (the registry token) and NPM_TOKEN_ROTATED
# (the date the token was last rotated, from the vault's metadata).
docker build --build-arg CACHEBUST=$NPM_TOKEN_ROTATED --secret id=npm_token,env=NPM_TOKEN -t payments:1.6.0 .
