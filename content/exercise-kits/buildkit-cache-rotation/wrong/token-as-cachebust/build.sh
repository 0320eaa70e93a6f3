# The CI build command. CI exports NPM_TOKEN (the registry token) and NPM_TOKEN_ROTATED
# (the date the token was last rotated, from the vault's metadata).
# The token itself changes at every rotation: the perfect cache key.
docker build --build-arg CACHEBUST=$NPM_TOKEN --secret id=npm_token,env=NPM_TOKEN -t payments:1.6.0 .
