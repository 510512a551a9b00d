# Shared presets: the policy name is written here, once.
{
  media = {
    enable = true;
    policy = "media";
#             ^^^^^ unknown_policy: policy `media` is not defined
    bypassPaths = [ "/api" ];
  };
}
