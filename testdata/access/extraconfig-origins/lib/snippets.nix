# Caddyfile snippets the hosts paste into their sites' `extraConfig`.
{
  feed = "handle /feed/* {\n  reverse_proxy 127.0.0.1:2368\n}";
}
