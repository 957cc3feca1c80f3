# Các lệnh của dự án. Gõ `make` (hoặc `make help`) để xem danh sách.
#
# Mọi lệnh dùng thẳng các chương trình trong .venv/bin, không cần "activate".
# Thư mục dữ liệu: biến PLAN_DATA_DIR (mặc định data), ví dụ
#   make check PLAN_DATA_DIR=tests/fixtures/minimal

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
# setup.sh must not run twice at the same time, and the order of prerequisites matters.
.NOTPARALLEL:

# Tắt lời nhắc về MkDocs 2 của mkdocs-material cho mọi lệnh.
export NO_MKDOCS_2_WARNING := 1

PY := .venv/bin/python
PYTEST_ARGS ?=
# Tests run on every core (pytest-xdist): each worker builds the sites it needs once.
PYTEST_WORKERS ?= auto

.PHONY: help setup setup-test check build preview serve test lint format bench clean

help: ## Hiện danh sách các lệnh (mặc định)
	@echo "Cách dùng: make <lệnh>"
	@echo ""
	@echo "Các lệnh:"
	@grep -E '^[a-zA-Z_-]+:.*## ' $(firstword $(MAKEFILE_LIST)) | \
	  awk 'BEGIN {FS = ":.*## "}; {printf "  %-12s %s\n", $$1, $$2}'
	@echo ""
	@echo "Thư mục dữ liệu: biến PLAN_DATA_DIR (mặc định: data)."

setup: ## Tạo môi trường Python .venv với các gói đã ghim
	scripts/setup.sh

setup-test: ## Như setup, thêm trình duyệt chromium và các gói npm cho kiểm thử
	scripts/setup.sh --test

check: setup ## Kiểm tra dữ liệu (YAML, CSV) và báo mọi lỗi
	$(PY) -m plansite check

build: setup check ## Kiểm tra dữ liệu rồi dựng trang vào thư mục site/
	NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict
	@echo ""
	@echo "Đã dựng xong trang trong thư mục site/."
	@echo "Xem thử trên máy: make serve   (rồi mở http://127.0.0.1:8000)"

serve: setup ## Chạy trang thử tại http://127.0.0.1:8000 (tự tải lại khi sửa; chỉ dựng lại trang phụ thuộc tệp vừa sửa)
	.venv/bin/mkdocs serve --dirty -a 127.0.0.1:8000

test: setup-test lint ## Chạy toàn bộ kiểm tra: lint và pytest (lệnh CI chạy)
	$(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: setup ## Kiểm tra mã: ruff check, ruff format --check, mypy
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/mypy src/plansite

format: setup ## Tự định dạng mã (ruff format) và sửa lỗi ruff sửa được
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

bench: setup ## Đo hiệu năng (SIZES=real,200x100x10,... ; SIZES=national: cỡ cả nước 40×1.000 và 40×3.400 địa bàn)
	$(PY) -m benchmarks.bench $(if $(SIZES),--sizes $(SIZES))

clean: ## Xoá các thư mục sinh ra: site/ preview/ .cache/ test-artifacts/
	rm -rf site/ preview/ .cache/ test-artifacts/

preview: setup check ## Dựng bản xem trước mở được từ ổ đĩa (file://) vào thư mục preview/
	PLANSITE_PREVIEW=1 NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict -d preview
	@echo ""
	@echo "Đã dựng bản xem trước trong thư mục preview/: mở tệp preview/index.html bằng trình duyệt (không cần mạng)."
