#!/usr/bin/env bash
# Regenerates tests/certs/vectors/sm2_sm3_kat.txt with the OpenSSL command line, independently of
# jixu's code. Each run makes a new key, so the committed vector changes; the test only needs
# it to be internally consistent and produced by OpenSSL.
set -euo pipefail
out=$(cd "$(dirname "$0")" && pwd)/vectors/sm2_sm3_kat.txt
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir"
openssl genpkey -algorithm SM2 -out key.pem
printf 'jixu SM2 known-answer test: 继续教育学时证明' > msg
openssl pkeyutl -sign -in msg -inkey key.pem -rawin -digest sm3 \
  -pkeyopt distid:1234567812345678 -out sig.der
openssl pkeyutl -sign -in msg -inkey key.pem -rawin -digest sm3 -out sig_noid.der
priv=$(openssl pkey -in key.pem -text -noout | sed -n '3,5p' | tr -d ' :\n')
pub=$(openssl pkey -in key.pem -text -noout | sed -n '/^pub:/,/^ASN1/p' | sed '1d;$d' | tr -d ' :\n')
sed -n '1,7p' "$out" > "$out.new"
{
  echo "private_key=$priv"
  echo "public_key=$pub"
  echo "message_hex=$(xxd -p msg | tr -d '\n')"
  echo "signature=$(xxd -p sig.der | tr -d '\n')"
  echo "sig_default_id=$(xxd -p sig_noid.der | tr -d '\n')"
} >> "$out.new"
mv "$out.new" "$out"
