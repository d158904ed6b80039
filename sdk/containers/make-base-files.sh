#!/usr/bin/env bash
# make-base-files.sh OUTDIR
# The files of GoPack's default container base (ContainerFamily=static), taken when the package is packed from the
# packing machine's Debian packages and shipped inside GoPack.Sdk, so that every machine that builds an image with
# one GoPack version gets byte-identical base files, offline:
#   ca-certificates.crt  Debian's ca-certificates bundle (/etc/ssl/certs/ca-certificates.crt, Mozilla's roots)
#   zoneinfo.tar         Debian's tzdata (/usr/share/zoneinfo without the posix/ and right/ copies), a tar with
#                        sorted names, time 0 and root owners; GoPack re-writes its entries into the image layer
#   base-files.txt       which package versions they came from, and the files' SHA-256
set -euo pipefail
out="$1"
ca=/etc/ssl/certs/ca-certificates.crt
zoneinfo=/usr/share/zoneinfo
if [ ! -s "$ca" ] || [ ! -d "$zoneinfo" ]; then
  echo "make-base-files.sh: error: $ca or $zoneinfo is missing; install Debian's ca-certificates and tzdata packages (apt-get install ca-certificates tzdata)." >&2
  exit 1
fi
mkdir -p "$out"
cp "$ca" "$out/ca-certificates.crt.tmp" && mv "$out/ca-certificates.crt.tmp" "$out/ca-certificates.crt"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=gnu \
  --exclude=zoneinfo/posix --exclude=zoneinfo/right --exclude=zoneinfo/localtime \
  -cf "$out/zoneinfo.tar.tmp" -C "$(dirname "$zoneinfo")" "$(basename "$zoneinfo")"
mv "$out/zoneinfo.tar.tmp" "$out/zoneinfo.tar"
version() { dpkg-query -W -f '${Version}' "$1" 2>/dev/null || echo unknown; }
{
  echo "ca-certificates.crt from Debian ca-certificates $(version ca-certificates) sha256 $(sha256sum "$out/ca-certificates.crt" | cut -d' ' -f1)"
  echo "zoneinfo.tar from Debian tzdata $(version tzdata) sha256 $(sha256sum "$out/zoneinfo.tar" | cut -d' ' -f1)"
} > "$out/base-files.txt"
