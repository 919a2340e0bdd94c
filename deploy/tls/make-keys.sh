#!/usr/bin/env bash
# Certificates for a training cluster over TLS (Artery tls-tcp with mutual authentication), made
# with the JDK's keytool alone.
#
#   CHEMOTAXIS_TLS_PASSWORD=... deploy/tls/make-keys.sh DIR [NODE...] [--rogue NAME]...
#
# Creates (or reuses) the cluster CA in DIR/ca/ and, for each NODE, DIR/NODE/node.p12 (the
# node's key and its certificate, signed by the CA) and DIR/NODE/trust.p12 (the CA certificate):
# the folder that `--tls DIR/NODE` expects. Every store has the password in
# $CHEMOTAXIS_TLS_PASSWORD, which must be set.
#
# --rogue NAME makes DIR/NAME with a key signed by another CA (DIR/rogue-ca/), one the cluster
# does not trust, but with the cluster CA in its trust store: such a node can check the trainer's
# certificate, yet the trainer must refuse it. It is for testing that a node without the right
# certificate cannot join.
#
# Node names are free (trainer, worker-1, laptop, ...). Hostname verification is off in the
# cluster, so a certificate need not name its host; the names go into the subject and the
# subject alternative names all the same.
#
# The CA key (DIR/ca/ca.p12) signs new nodes: keep it off the nodes. Copy to a node only its own
# folder.
set -euo pipefail

usage() {
  echo "usage: CHEMOTAXIS_TLS_PASSWORD=... $0 DIR [NODE...] [--rogue NAME]..." >&2
  exit 2
}
[ $# -ge 1 ] || usage
dir="$1"
shift
nodes=()
rogues=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rogue)
      [ $# -ge 2 ] || usage
      rogues+=("$2")
      shift 2
      ;;
    -h | --help) usage ;;
    -*) echo "unknown option: $1" >&2; usage ;;
    *)
      nodes+=("$1")
      shift
      ;;
  esac
done
if [ -z "${CHEMOTAXIS_TLS_PASSWORD:-}" ]; then
  echo "set the store password in CHEMOTAXIS_TLS_PASSWORD (at least 6 characters)" >&2
  exit 2
fi
if [ ${#CHEMOTAXIS_TLS_PASSWORD} -lt 6 ]; then
  echo "CHEMOTAXIS_TLS_PASSWORD must have at least 6 characters (keytool's minimum)" >&2
  exit 2
fi
for name in "${nodes[@]}" "${rogues[@]}"; do
  case "$name" in
    ca | rogue-ca) echo "'$name' is the name of a CA folder; choose another node name" >&2; exit 2 ;;
    '' | *[!A-Za-z0-9._-]*) echo "node names may have letters, digits, '.', '_' and '-', but was '$name'" >&2; exit 2 ;;
  esac
done
command -v keytool >/dev/null || { echo "keytool not found: it comes with the JDK" >&2; exit 2; }

# keytool talks a lot; its output is shown only when it fails.
kt() {
  local out
  if ! out="$(keytool "$@" 2>&1)"; then
    echo "keytool $1 failed: $out" >&2
    return 1
  fi
}

# The password reaches keytool through the environment, never on a command line (ps shows those).
pw=(-storepass:env CHEMOTAXIS_TLS_PASSWORD -keypass:env CHEMOTAXIS_TLS_PASSWORD)
days="${DAYS:-825}"
mkdir -p "$dir"

# make_ca NAME: DIR/NAME/ca.p12 (key pair) and DIR/NAME/ca.pem (certificate), kept if present.
make_ca() {
  local ca="$dir/$1"
  if [ -f "$ca/ca.p12" ]; then
    echo "using the CA in $ca" >&2
  else
    mkdir -p "$ca"
    chmod 700 "$ca"
    kt -genkeypair -alias ca -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA \
      -dname "CN=chemotaxis $1" -validity "$days" -ext bc:c=ca:true,pathlen:0 -ext ku:c=keyCertSign,cRLSign \
      -storetype PKCS12 -keystore "$ca/ca.p12" "${pw[@]}"
    echo "created the CA $ca/ca.p12" >&2
  fi
  kt -exportcert -rfc -alias ca -keystore "$ca/ca.p12" -storepass:env CHEMOTAXIS_TLS_PASSWORD \
    -file "$ca/ca.pem"
}

# make_node NAME SIGNING_CA TRUSTED_CA: DIR/NAME/node.p12 signed by SIGNING_CA, trust.p12 with TRUSTED_CA.
make_node() {
  local name="$1" signer="$dir/$2" trusted="$dir/$3" out="$dir/$1"
  mkdir -p "$out"
  rm -f "$out/node.p12" "$out/trust.p12" "$out/node.csr" "$out/node.pem"
  kt -genkeypair -alias node -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA \
    -dname "CN=$name, O=chemotaxis" -validity "$days" -storetype PKCS12 -keystore "$out/node.p12" "${pw[@]}" \
   
  kt -certreq -alias node -keystore "$out/node.p12" -storepass:env CHEMOTAXIS_TLS_PASSWORD \
    -file "$out/node.csr"
  # Both server and client: a node accepts connections and opens them.
  kt -gencert -alias ca -keystore "$signer/ca.p12" -storepass:env CHEMOTAXIS_TLS_PASSWORD \
    -infile "$out/node.csr" -outfile "$out/node.pem" -rfc -validity "$days" -sigalg SHA256withECDSA \
    -ext ku:c=digitalSignature,keyAgreement -ext eku=serverAuth,clientAuth -ext "san=dns:$name"
  # The chain goes in as CA certificate first, then the signed certificate replaces the self-signed one.
  kt -importcert -noprompt -alias signer-ca -file "$signer/ca.pem" -keystore "$out/node.p12" \
    -storepass:env CHEMOTAXIS_TLS_PASSWORD
  kt -importcert -noprompt -alias node -file "$out/node.pem" -keystore "$out/node.p12" "${pw[@]}"
  kt -delete -alias signer-ca -keystore "$out/node.p12" -storepass:env CHEMOTAXIS_TLS_PASSWORD
  kt -importcert -noprompt -alias ca -file "$trusted/ca.pem" -storetype PKCS12 -keystore "$out/trust.p12" \
    -storepass:env CHEMOTAXIS_TLS_PASSWORD
  rm -f "$out/node.csr" "$out/node.pem"
  chmod 600 "$out/node.p12"
  echo "created $out/node.p12 (CN=$name, signed by $2) and $out/trust.p12 (trusts $3)" >&2
}

make_ca ca
for name in "${nodes[@]}"; do
  make_node "$name" ca ca
done
if [ ${#rogues[@]} -gt 0 ]; then
  make_ca rogue-ca
  for name in "${rogues[@]}"; do
    make_node "$name" rogue-ca ca
  done
fi
