#!/bin/sh
# The install icons in public/icons, made once from public/favicon.svg with rsvg-convert
# (Debian: librsvg2-bin) and committed. "any": the mark alone, transparent. "maskable": the mark
# at 60 % on a full square of the page colour, inside the safe zone a launcher may crop to a circle.
set -eu
cd "$(dirname "$0")/.."
for size in 192 512; do
  rsvg-convert -w "$size" -h "$size" public/favicon.svg -o "public/icons/icon-$size.png"
done
inner=$(sed -e 's/^<svg [^>]*>//' -e 's#</svg>$##' public/favicon.svg)
printf '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#f6f7fb"/><g transform="translate(6.4 6.4) scale(0.6)">%s</g></svg>' "$inner" |
  rsvg-convert -w 512 -h 512 -o public/icons/maskable-512.png
