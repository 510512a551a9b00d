# Group-to-role presets, pasted into the portal's transforms.
{
  family = [
    { claim = "groups"; value = "Media Users"; role = "users"; }
#                                ^^^^^^^^^^^ caddyfile_unsafe_value: claimRoles `value` `Media Users` is pasted into the Caddyfile unquoted: Caddy reads 2 tokens, `Media` and `Users`, so the transform matches role `Media` or `Users`
  ];
  staff = [
    { claim = "groups"; value = "it-staff"; role = "admins"; }
  ];
}
