# A missing `;` after a binding: the file does not parse.
{
  modules.services.grafana.reverseProxy = {
    enable = true
    hostName = "grafana.example.com";
#            ^^^^^^^^^^^^^^^^^^^^^^^ syntax_error: unexpected `=`, expecting `;`
  };
}
