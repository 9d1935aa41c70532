# Sourced by the other scripts: the repository root, and a PATH that finds what
# scripts/setup installs (cargo's binaries, and npm's wasm-opt in tools/).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$root/tools/node_modules/.bin:$PATH"
