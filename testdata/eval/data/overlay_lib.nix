# helper: a function taking the importer's value, returning a set that uses it
self: { name = "lib-${self.prefix}"; twice = self.prefix + self.prefix; }
