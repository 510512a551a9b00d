# ...but interpolation does not
"${{ __toString = s: 1; }}"
