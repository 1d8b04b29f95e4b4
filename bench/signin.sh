# Sourced by the benchmark scripts: `signin EMAIL` signs in through the real pages (password, then the
# demo two-factor code from `ura demo code`) and prints the Cookie header value.
# Needs $base (the server's address), $jar (a scratch file for the cookies) and a `ura` function.
signin() {
  local token
  rm -f "$jar"
  token=$(curl -s -c "$jar" -b "$jar" "$base/account/login" | grep -o 'name="__af" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Email=$1" --data-urlencode "Input.Password=Ura-demo-2026!" \
    --data-urlencode "__af=$token" "$base/account/login"
  token=$(curl -s -c "$jar" -b "$jar" "$base/account/login/two-factor" | grep -o 'name="__af" type="hidden" value="[^"]*"' | head -n 1 | sed 's/.*value="//; s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Code=$(ura demo code)" --data-urlencode "__af=$token" \
    "$base/account/login/two-factor"
  sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF == 7 { printf "%s=%s; ", $6, $7 }'
}
