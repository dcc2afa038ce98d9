//! Compiles the shipped scenarios in: every folder of `config/` that holds
//! a `scenario.toml`, every language of `config/language/`, and the default
//! named in `config/default-scenario`, so that no scenario is named in
//! `src/`.

use std::fmt::Write as _;
use std::path::Path;

// The list src/config uses to load a scenario folder.
include!("src/config/files.rs");

fn main() {
    // read at run time: `env!` would bake in the checkout the build
    // script was first compiled in, and a shared target dir reuses it
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).join("config");
    println!("cargo:rerun-if-changed=src/config/files.rs");
    println!("cargo:rerun-if-changed={}", root.display());
    println!("cargo:rerun-if-changed={}", root.join("language").display());
    println!(
        "cargo:rerun-if-changed={}",
        root.join("default-scenario").display()
    );
    let mut names: Vec<String> = std::fs::read_dir(&root)
        .expect("config/ is there")
        .flatten()
        .filter(|e| e.path().join(FILES[0]).is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut out =
        String::from("/// The shipped scenarios: name and the text of each of `FILES`.\n");
    writeln!(
        out,
        "const BUILTIN: [(&str, [&str; 6]); {}] = [",
        names.len()
    )
    .unwrap();
    for n in &names {
        writeln!(out, "    ({n:?}, [").unwrap();
        for f in FILES {
            let p = root.join(n).join(f);
            writeln!(out, "        include_str!({:?}),", p.display().to_string()).unwrap();
        }
        writeln!(out, "    ]),").unwrap();
    }
    out.push_str("];\n");
    let mut langs: Vec<String> = std::fs::read_dir(root.join("language"))
        .expect("config/language/ is there")
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".toml").map(str::to_string)
        })
        .collect();
    langs.sort();
    out.push_str("/// The shipped languages: name and text.\n");
    writeln!(out, "const LANGUAGES: [(&str, &str); {}] = [", langs.len()).unwrap();
    for l in &langs {
        let p = root.join("language").join(format!("{l}.toml"));
        writeln!(
            out,
            "    ({l:?}, include_str!({:?})),",
            p.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let default = std::fs::read_to_string(root.join("default-scenario"))
        .expect("config/default-scenario names the default scenario");
    let default = default.trim();
    assert!(
        names.iter().any(|n| n == default),
        "config/default-scenario names {default:?}, which is not a folder of config/"
    );
    out.push_str("/// The scenario used when none is chosen (`config/default-scenario`).\n");
    writeln!(out, "pub const DEFAULT: &str = {default:?};").unwrap();
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("builtin.rs");
    std::fs::write(dest, out).expect("write builtin.rs");
}
