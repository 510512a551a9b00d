{ modules.services.caddy.security.policies.users.allowedGroups = [ "c-tempo-extra" ]; }
