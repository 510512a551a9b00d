"""Shared set-up: a small repository and a client driving `pocketlint lsp`.

The binary comes from POCKETLINT_BIN (tests/lsp_pytest.rs passes the one
cargo built), else target/debug/pocketlint.
"""

import asyncio
import os
import pathlib

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

HERE = pathlib.Path(__file__).resolve().parent
BIN = os.environ.get("POCKETLINT_BIN") or str(HERE.parent.parent / "target" / "debug" / "pocketlint")

# One host, three files: the policies live in pocketid.nix, the service
# that names one in services/grafana.nix. Multibyte text precedes the
# spans the tests look at.
FILES = {
    "hosts/x/default.nix": """\
{ ... }:
let
  defaults = import ../../lib/defaults.nix;
in
{
  imports = [ ./pocketid.nix ./services/grafana.nix ];
  networking.domain = "example.com";
  modules.services.jellyfin.reverseProxy = {
    enable = true;
    hostName = "tv.example.com";
    caddySecurity = defaults.caddySecurity.media;
  };
}
""",
    "lib/defaults.nix": """\
{
  caddySecurity = {
    media = {
      enable = true;
      policy = "lan";
    };
  };
}
""",
    "hosts/x/pocketid.nix": """\
{
  modules.services.pocketid = {
    enable = true;
    domain = "id.example.com";
  };
  modules.services.caddy.security = {
    enable = true;
    portalHost = "id.example.com";
    policies = {
      admins.allowedGroups = [ "admins" ];
      lan = {
        allowedGroups = [ "family" ];
        allowedNetworks = [ "192.168.0.0/16" ];
      };
    };
  };
}
""",
    "hosts/x/services/grafana.nix": """\
{
  modules.services.grafana.reverseProxy = {
    enable = true;
    hostName = "grafana.example.com";
    caddySecurity = {
      enable = true; /* Grafana 🔒 café */ policy = "staff";
      bypassPaths = [ "/api/health" ];
      allowedNetworks = [ "10.0.0.1/8" ];
    };
  };
}
""",
}


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    for name, text in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root.resolve()


def uri(path):
    return pathlib.Path(path).as_uri()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[BIN, "lsp"]))
async def client(lsp_client: LanguageClient, repo):
    registrations = []

    # Editors let servers register file watchers; so does this client.
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams):
        registrations.extend(params.registrations)

    lsp_client.registrations = registrations
    lsp_client.init_result = await lsp_client.initialize_session(
        types.InitializeParams(
            capabilities=pytest_lsp.client_capabilities("visual-studio-code"),
            root_uri=uri(repo),
            workspace_folders=[types.WorkspaceFolder(uri=uri(repo), name="repo")],
        )
    )
    lsp_client.repo = repo
    yield lsp_client
    await lsp_client.shutdown_session()


async def wait_until(client, predicate, timeout=60):
    """Waits for published diagnostics until `predicate()` holds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        left = deadline - loop.time()
        if left <= 0:
            raise AssertionError(f"timed out; diagnostics: {client.diagnostics}")
        try:
            await asyncio.wait_for(
                client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), left
            )
        except asyncio.TimeoutError:
            pass


def codes(client, path):
    return [d.code for d in client.diagnostics.get(uri(path), [])]


def open_file(client, path, version=1):
    text = pathlib.Path(path).read_text()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri(path), language_id="nix", version=version, text=text
            )
        )
    )
    return text


def position_of(text, needle, delta=0):
    """The LSP position (UTF-16 columns) of `needle` in `text`."""
    offset = text.index(needle) + delta
    line = text.count("\n", 0, offset)
    line_start = text.rfind("\n", 0, offset) + 1
    column = len(text[line_start:offset].encode("utf-16-le")) // 2
    return types.Position(line=line, character=column)
