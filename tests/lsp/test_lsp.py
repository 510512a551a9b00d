"""`pocketlint lsp` driven over stdio by a real LSP client (pytest-lsp)."""

import asyncio
import json
import os
import subprocess

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.exceptions import JsonRpcException

from conftest import BIN, codes, open_file, position_of, uri, wait_until


def find(client, path, code):
    return [d for d in client.diagnostics.get(uri(path), []) if d.code == code]


async def test_advertises_only_what_it_implements(client):
    caps = client.init_result.capabilities
    assert caps.hover_provider
    assert caps.definition_provider
    assert caps.completion_provider is not None
    assert caps.code_action_provider is not None
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    assert caps.rename_provider is None
    assert caps.document_formatting_provider is None
    assert caps.references_provider is None
    # File watchers are registered with clients that allow it.
    for _ in range(200):
        if client.registrations:
            break
        await asyncio.sleep(0.05)
    (watch,) = client.registrations
    assert watch.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES


async def test_files_that_are_not_open_get_diagnostics(client):
    grafana = client.repo / "hosts/x/services/grafana.nix"
    await wait_until(client, lambda: "unknown_policy" in codes(client, grafana))


async def test_open_file_gets_diagnostics_with_rule_docs_and_utf16_ranges(client):
    grafana = client.repo / "hosts/x/services/grafana.nix"
    text = open_file(client, grafana)
    await wait_until(client, lambda: "unknown_policy" in codes(client, grafana))
    (d,) = find(client, grafana, "unknown_policy")
    # `🔒` is two UTF-16 units and `é` one: the columns must count them so.
    assert d.range.start == position_of(text, "staff")
    assert d.range.end == position_of(text, "staff", len("staff"))
    assert d.source == "pocketlint"
    assert d.severity == types.DiagnosticSeverity.Error
    assert d.code_description.href.endswith("/lints/unknown_policy.md")
    assert "policy `staff` is not defined" in d.message
    (cidr,) = find(client, grafana, "noncanonical_cidr")
    assert cidr.severity == types.DiagnosticSeverity.Warning


async def test_editing_a_policy_updates_another_file(client):
    pocketid = client.repo / "hosts/x/pocketid.nix"
    grafana = client.repo / "hosts/x/services/grafana.nix"
    text = open_file(client, pocketid)
    await wait_until(client, lambda: "unknown_policy" in codes(client, grafana))
    # An incremental edit in pocketid.nix defines `staff`...
    at = position_of(text, "admins.allowedGroups")
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(pocketid), version=2),
            content_changes=[
                types.TextDocumentContentChangePartial(
                    range=types.Range(start=at, end=at),
                    text='staff.allowedGroups = [ "staff" ];\n      ',
                )
            ],
        )
    )
    # ...and the finding in grafana.nix (not even open) disappears.
    await wait_until(client, lambda: "unknown_policy" not in codes(client, grafana))
    # The unsaved buffer counted, not the disk; closing it brings the
    # saved text (and the finding) back.
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri(pocketid)))
    )
    await wait_until(client, lambda: "unknown_policy" in codes(client, grafana))


async def test_safe_fix_is_a_preferred_code_action(client):
    grafana = client.repo / "hosts/x/services/grafana.nix"
    text = open_file(client, grafana)
    await wait_until(client, lambda: find(client, grafana, "noncanonical_cidr"))
    (d,) = find(client, grafana, "noncanonical_cidr")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(grafana)),
            range=d.range,
            context=types.CodeActionContext(diagnostics=[d]),
        )
    )
    fixes = [a for a in actions if a.is_preferred]
    assert len(fixes) == 1, actions
    fix = fixes[0]
    assert fix.kind == types.CodeActionKind.QuickFix
    assert any("pocketlint: allow(noncanonical_cidr)" in json.dumps(str(a.edit)) for a in actions)
    (change,) = fix.edit.document_changes
    assert change.text_document.version == 1
    (edit,) = change.edits
    assert edit.new_text == "10.0.0.0/8"
    new_text = apply(text, edit)
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(grafana), version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=new_text)],
        )
    )
    await wait_until(client, lambda: not find(client, grafana, "noncanonical_cidr"))
    assert find(client, grafana, "unknown_policy")


async def test_suppress_action_inserts_an_indented_allow_comment(client):
    grafana = client.repo / "hosts/x/services/grafana.nix"
    text = open_file(client, grafana)
    await wait_until(client, lambda: find(client, grafana, "unknown_policy"))
    (d,) = find(client, grafana, "unknown_policy")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(grafana)),
            range=d.range,
            context=types.CodeActionContext(diagnostics=[d]),
        )
    )
    (suppress,) = [a for a in actions if "Suppress" in a.title]
    (edit,) = suppress.edit.document_changes[0].edits
    assert edit.new_text == "      # pocketlint: allow(unknown_policy)\n"
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(grafana), version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=apply(text, edit))],
        )
    )
    await wait_until(client, lambda: not find(client, grafana, "unknown_policy"))


async def test_hover_shows_the_policy_definition(client):
    default = client.repo / "hosts/x/default.nix"
    defaults = client.repo / "lib/defaults.nix"
    open_file(client, default)
    text = open_file(client, defaults)
    await wait_until(client, lambda: uri(client.repo / "hosts/x/services/grafana.nix") in client.diagnostics)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri(defaults)),
            position=position_of(text, '"lan"', 2),
        )
    )
    value = hover.contents.value
    assert "policy `lan`" in value and "host `x`" in value
    assert "allowed groups: `family`" in value
    assert "allowed networks: `192.168.0.0/16`" in value
    assert "hosts/x/pocketid.nix:11" in value


async def test_hover_on_an_unknown_policy_lists_the_defined_ones(client):
    grafana = client.repo / "hosts/x/services/grafana.nix"
    text = open_file(client, grafana)
    await wait_until(client, lambda: find(client, grafana, "unknown_policy"))
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri(grafana)),
            position=position_of(text, "staff", 1),
        )
    )
    assert "not defined on this host; defined: `admins` and `lan`" in hover.contents.value


async def test_definition_of_a_policy_and_of_a_preset(client):
    default = client.repo / "hosts/x/default.nix"
    defaults = client.repo / "lib/defaults.nix"
    pocketid = client.repo / "hosts/x/pocketid.nix"
    text = open_file(client, default)
    defaults_text = open_file(client, defaults)
    await wait_until(client, lambda: uri(client.repo / "hosts/x/services/grafana.nix") in client.diagnostics)
    # The policy name in the preset goes to the policy's declaration.
    (loc,) = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(defaults)),
            position=position_of(defaults_text, '"lan"', 1),
        )
    )
    assert loc.uri == uri(pocketid)
    assert loc.range.start == position_of(pocketid.read_text(), "lan = {")
    # The preset use goes to the preset.
    (loc,) = await client.text_document_definition_async(
        types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(default)),
            position=position_of(text, "caddySecurity.media", len("caddySecurity.") + 2),
        )
    )
    assert loc.uri == uri(defaults)
    assert loc.range.start == position_of(defaults_text, "media = {")


async def test_completion_offers_the_policies_of_the_host(client):
    grafana = client.repo / "hosts/x/services/grafana.nix"
    text = open_file(client, grafana)
    await wait_until(client, lambda: find(client, grafana, "unknown_policy"))
    # Mid-typing: the string is not closed yet.
    typing = text.replace('policy = "staff";', 'policy = "')
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(grafana), version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=typing)],
        )
    )
    at = position_of(typing, 'policy = "', len('policy = "'))
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(grafana)), position=at
        )
    )
    items = result if isinstance(result, list) else result.items
    assert sorted(i.label for i in items) == ["admins", "lan"]
    lan = next(i for i in items if i.label == "lan")
    assert lan.text_edit.new_text == "lan"
    assert lan.text_edit.range.start == at
    # Outside a policy or portal string: nothing.
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri(grafana)),
            position=position_of(typing, "hostName"),
        )
    )
    assert not (result if isinstance(result, list) else result.items)


async def test_syntax_error_keeps_the_last_good_evaluation(client):
    pocketid = client.repo / "hosts/x/pocketid.nix"
    grafana = client.repo / "hosts/x/services/grafana.nix"
    text = open_file(client, pocketid)
    await wait_until(client, lambda: find(client, grafana, "unknown_policy"))
    broken = text.replace('domain = "id.example.com";', 'domain = "id.example.com"')
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri(pocketid), version=2),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=broken)],
        )
    )
    await wait_until(client, lambda: "syntax_error" in codes(client, pocketid))
    # The rest of the workspace keeps its findings.
    assert find(client, grafana, "unknown_policy")
    assert find(client, grafana, "noncanonical_cidr")


async def test_errors_for_unknown_methods_and_files(client):
    with pytest.raises(JsonRpcException) as e:
        await client.protocol.send_request_async("pocketlint/noSuchMethod", {})
    assert e.value.code == -32601
    with pytest.raises(JsonRpcException) as e:
        await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri(client.repo / "nope.nix")),
                position=types.Position(line=0, character=0),
            )
        )
    assert e.value.code == -32602
    # Still serving.
    grafana = client.repo / "hosts/x/services/grafana.nix"
    open_file(client, grafana)
    await wait_until(client, lambda: find(client, grafana, "unknown_policy"))


def apply(text, edit):
    lines = text.split("\n")

    def offset(pos):
        before = "\n".join(lines[: pos.line])
        start = len(before) + (1 if pos.line else 0)
        line = lines[pos.line]
        units = 0
        for i, ch in enumerate(line):
            if units >= pos.character:
                return start + i
            units += len(ch.encode("utf-16-le")) // 2
        return start + len(line)

    return text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]


def frame(body):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    return b"Content-Length: %d\r\n\r\n" % len(data) + data


def read_frame(stream):
    length = None
    while True:
        line = stream.readline()
        assert line, "server closed its output"
        line = line.strip()
        if not line:
            break
        name, _, value = line.partition(b":")
        if name.lower() == b"content-length":
            length = int(value)
    return json.loads(stream.read(length))


def read_response(stream, rid):
    while True:
        msg = read_frame(stream)
        if "method" not in msg and msg.get("id") == rid:
            return msg


def test_malformed_input_gets_errors_and_the_server_survives(repo):
    proc = subprocess.Popen([BIN, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        send = lambda b: (proc.stdin.write(b), proc.stdin.flush())
        # Before initialize, requests are refused.
        send(frame({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}}))
        assert read_response(proc.stdout, 1)["error"]["code"] == -32002
        send(frame({"jsonrpc": "2.0", "id": 2, "method": "initialize",
                    "params": {"capabilities": {}, "rootUri": repo.as_uri()}}))
        assert "capabilities" in read_response(proc.stdout, 2)["result"]
        send(frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        # Not JSON at all: a parse error with a null id.
        send(frame(b"{this is not json"))
        assert read_response(proc.stdout, None)["error"]["code"] == -32700
        # JSON, but not a message.
        send(frame({"jsonrpc": "2.0", "id": 3, "method": 42}))
        assert read_response(proc.stdout, 3)["error"]["code"] == -32600
        # Parameters of the wrong shape.
        send(frame({"jsonrpc": "2.0", "id": 4, "method": "textDocument/hover", "params": {"x": 1}}))
        assert read_response(proc.stdout, 4)["error"]["code"] == -32602
        # A notification with bad parameters is ignored; a malformed header
        # is reported.
        send(frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": []}))
        send(b"Content-Length: nope\r\n\r\n")
        assert read_response(proc.stdout, None)["error"]["code"] == -32700
        # Still answering, and shutting down cleanly.
        send(frame({"jsonrpc": "2.0", "id": 5, "method": "shutdown"}))
        assert read_response(proc.stdout, 5)["result"] is None
        send(frame({"jsonrpc": "2.0", "method": "exit"}))
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


async def test_evaluation_budget_is_reported_and_the_server_answers(repo):
    client = pytest_lsp.make_test_lsp_client()
    await client.start_io(BIN, "lsp")
    try:
        await client.initialize_session(
            types.InitializeParams(
                capabilities=types.ClientCapabilities(),
                root_uri=uri(repo),
                initialization_options={"maxSteps": 50},
            )
        )
        default = repo / "hosts/x/default.nix"

        def budget_errors():
            return [
                d
                for ds in client.diagnostics.values()
                for d in ds
                if d.code == "eval_error" and "evaluation limit" in d.message
            ]

        await wait_until(client, budget_errors, timeout=30)
        # Shown at the host (the step ran out inside the embedded lib).
        assert [d.code for d in budget_errors()] == ["eval_error"]
        assert uri(default) in client.diagnostics
        assert all(u.startswith(uri(repo)) for u in client.diagnostics)
        # Requests are still answered.
        hover = await client.text_document_hover_async(
            types.HoverParams(
                text_document=types.TextDocumentIdentifier(uri=uri(default)),
                position=types.Position(line=0, character=0),
            )
        )
        assert hover is None
    finally:
        await client.shutdown_session()
        await client.stop()
