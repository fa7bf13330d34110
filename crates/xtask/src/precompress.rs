//! Writes a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy
//! beside every compressible file of the bundle, once, at build time.
//!
//! Compressing on each request is limited to fast settings: the sandbox's
//! on-the-fly brotli sent the playground module as about 435 KB, while
//! brotli at quality 11 makes it about 350 KB (figures in DEVELOPERS.md).
//! The sandbox serves these copies (`ServeDir::precompressed_br`), and so do
//! static hosts that look for them (nginx `brotli_static`/`gzip_static`,
//! Netlify, Cloudflare Pages); a browser without brotli gets the `.gz`.

use std::io::Write as _;
use std::path::Path;

/// Files smaller than this are sent as they are: compression would save
/// less than the header it costs.
const SMALLEST: u64 = 1024;
const COMPRESSIBLE: [&str; 8] = ["wasm", "js", "css", "html", "svg", "json", "md", "txt"];

/// Compresses every compressible file under `dir`; returns how many.
pub fn all(dir: &Path) -> Result<usize, String> {
    let mut count = 0;
    for entry in std::fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            count += all(&path)?;
        } else if is_compressible(&path) {
            let bytes = std::fs::read(&path).map_err(|e| format!("reading {}: {e}", path.display()))?;
            write(&path, "br", &brotli(&bytes)?)?;
            write(&path, "gz", &gzip(&bytes)?)?;
            count += 1;
        }
    }
    Ok(count)
}

fn is_compressible(path: &Path) -> bool {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    COMPRESSIBLE.contains(&ext) && std::fs::metadata(path).is_ok_and(|m| m.len() >= SMALLEST)
}

fn write(path: &Path, ext: &str, bytes: &[u8]) -> Result<(), String> {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".{ext}"));
    std::fs::write(&name, bytes).map_err(|e| format!("writing {}: {e}", Path::new(&name).display()))
}

/// Brotli at its best setting, with a window as large as the file needs.
pub fn brotli(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, ..Default::default() };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).map_err(|e| format!("brotli: {e}"))?;
    Ok(out)
}

pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).and_then(|()| encoder.finish()).map_err(|e| format!("gzip: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    #[test]
    fn copies_decompress_to_the_original_and_small_files_are_left_alone() {
        let dir = std::env::temp_dir().join(format!("precompress-test-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        let text = "fn main() { println!(\"hello\"); }\n".repeat(200);
        std::fs::write(dir.join("sub/app.js"), &text).unwrap();
        std::fs::write(dir.join("tiny.css"), "a{}").unwrap();
        std::fs::write(dir.join("photo.png"), text.as_bytes()).unwrap();
        assert_eq!(all(&dir), Ok(1));

        let br = std::fs::read(dir.join("sub/app.js.br")).unwrap();
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, text.as_bytes());
        let gz = std::fs::read(dir.join("sub/app.js.gz")).unwrap();
        let mut back = String::new();
        flate2::read::GzDecoder::new(&gz[..]).read_to_string(&mut back).unwrap();
        assert_eq!(back, text);
        assert!(br.len() < gz.len() && gz.len() < text.len() / 10, "br {} gz {}", br.len(), gz.len());
        assert!(!dir.join("tiny.css.br").exists() && !dir.join("photo.png.br").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
