//! A real editor: Neovim (headless, a minimal config that attaches
//! `pocketlint lsp` to `nix` buffers) opens a service module and
//! `vim.diagnostic.get()` reports the finding, at the right line and
//! column. Skips with a message when `nvim` is missing (under `CI=true` it
//! fails instead; `.ci/run` installs Debian's `neovim`).

use std::process::Command;
use std::time::Duration;

const INIT_LUA: &str = r#"
vim.cmd("filetype on")
vim.api.nvim_create_autocmd("FileType", {
  pattern = "nix",
  callback = function(args)
    local id = vim.lsp.start_client({
      name = "pocketlint",
      cmd = { os.getenv("POCKETLINT_BIN"), "lsp" },
      root_dir = os.getenv("POCKETLINT_ROOT"),
    })
    vim.lsp.buf_attach_client(args.buf, id)
  end,
})
"#;

const CHECK_LUA: &str = r#"
local function code(d)
  return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
end
local found = vim.wait(60000, function()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if code(d) == "unknown_policy" then return true end
  end
  return false
end, 50)
local items = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(items, { code = code(d), lnum = d.lnum, col = d.col, source = d.source, message = d.message })
end
local f = io.open(os.getenv("POCKETLINT_OUT"), "w")
f:write(vim.fn.json_encode({ found = found, diagnostics = items }))
f:close()
vim.cmd("qa!")
"#;

const SERVICE: &str = "{\n  modules.services.grafana.reverseProxy = {\n    enable = true;\n    hostName = \"grafana.example.com\";\n    caddySecurity = { enable = true; /* 🔒 café */ policy = \"staff\"; };\n  };\n}\n";

#[test]
fn neovim_shows_the_finding() {
    if Command::new("nvim").arg("--version").output().is_err() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "nvim is missing under CI=true (.ci/run installs Debian's neovim)"
        );
        eprintln!("skipped: nvim not installed (apt-get install neovim)");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().canonicalize().unwrap().join("repo");
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::create_dir_all(root.join("hosts/x")).unwrap();
    std::fs::write(
        root.join("hosts/x/default.nix"),
        "{\n  imports = [ ./grafana.nix ];\n  modules.services.caddy.security = {\n    enable = true;\n    portalHost = \"id.example.com\";\n    policies.admins.allowedGroups = [ \"admins\" ];\n  };\n}\n",
    )
    .unwrap();
    let service = root.join("hosts/x/grafana.nix");
    std::fs::write(&service, SERVICE).unwrap();
    let init = tmp.path().join("init.lua");
    std::fs::write(&init, INIT_LUA).unwrap();
    let check = tmp.path().join("check.lua");
    std::fs::write(&check, CHECK_LUA).unwrap();
    let out_file = tmp.path().join("out.json");

    let mut child = Command::new("nvim")
        .arg("--headless")
        .args(["-n", "-i", "NONE", "-u"])
        .arg(&init)
        .arg(&service)
        .arg("-c")
        .arg(format!("luafile {}", check.display()))
        .env("POCKETLINT_BIN", env!("CARGO_BIN_EXE_pocketlint"))
        .env("POCKETLINT_ROOT", &root)
        .env("POCKETLINT_OUT", &out_file)
        .env("XDG_STATE_HOME", tmp.path())
        .env("XDG_DATA_HOME", tmp.path())
        .env("XDG_CONFIG_HOME", tmp.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("nvim starts");
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("nvim did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let report = std::fs::read_to_string(&out_file).expect("check.lua wrote its report");
    let json: serde_json::Value = serde_json::from_str(&report).unwrap();
    assert_eq!(
        json["found"], true,
        "no unknown_policy diagnostic in Neovim: {report}"
    );
    let d = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "unknown_policy")
        .unwrap();
    assert_eq!(d["source"], "pocketlint");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("policy `staff` is not defined")
    );
    // Neovim turns the UTF-16 column into a byte column of the buffer: the
    // multibyte comment before the span must not shift it.
    let line = SERVICE.lines().nth(4).unwrap();
    assert_eq!(d["lnum"], 4);
    assert_eq!(d["col"], line.find("staff").unwrap());
    eprintln!("neovim reported: {report}");
}
