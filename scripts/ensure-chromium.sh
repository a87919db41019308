#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (/usr/bin/chromium), with a Japanese font so that pages (and
# printed PDFs) lay out and read as they do for readers. Install what is missing when we may.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
has_font() { command -v fc-list >/dev/null && [ -n "$(fc-list :lang=ja 2>/dev/null | head -1)" ]; }
[ -x "$CHROMIUM" ] && has_font && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Chromium か日本語フォントがないため apt-get でインストールします…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
elif ! [ -x "$CHROMIUM" ]; then
  echo "ブラウザーのテストには Chromium が必要です: sudo apt-get install chromium fonts-noto-cjk（または CHROMIUM_PATH を指定）" >&2
  exit 1
else
  echo "日本語フォントがありません（sudo apt-get install fonts-noto-cjk）。印刷の PDF の日本語は確かめません。" >&2
fi
