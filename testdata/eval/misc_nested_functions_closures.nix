let mkCounter = start: { value = start; next = (mkCounter (start + 1)); }; in (mkCounter 5).next.next.value
