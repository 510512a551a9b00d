"<${{ __toString = self: "T${toString self.v}"; v = 2; }}>"
