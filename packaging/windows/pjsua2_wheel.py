"""pjsua2's Python module on Windows, as a wheel: SWIG's wrapper compiled with
MSVC against a pjproject tree that CMake built and installed, and against
the vcpkg libraries it needs. Used by workflow.yml.

THIS SCRIPT HAS NOT BEEN RUN (no Windows machine where it was written).

    python packaging/windows/pjsua2_wheel.py --pjproject pjproject --installed pj --out dist

The wheel is made as on Linux (packaging/pjsua2/build: same name, the same
description of the build beside the module, which ``kccdesk line engine``
shows).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import sysconfig
import tomllib
from importlib.machinery import SourceFileLoader
from pathlib import Path

from setuptools import Extension
from setuptools.command.build_ext import build_ext
from setuptools.dist import Distribution

HERE = Path(__file__).resolve().parent
ENGINE = HERE.parent / "pjsua2"
# What pjlib and pjmedia use of Windows itself (sockets, sound, COM, certificates).
WINDOWS_LIBRARIES = ["ws2_32", "iphlpapi", "ole32", "oleaut32", "winmm", "avrt", "crypt32", "user32", "advapi32"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pjproject", type=Path, required=True, help="the source tree (with config_site.h)")
    parser.add_argument("--installed", type=Path, required=True, help="where CMake installed pjproject")
    parser.add_argument("--out", type=Path, required=True, help="the folder for the wheel")
    args = parser.parse_args()
    options = tomllib.loads((ENGINE / "engine.toml").read_text(encoding="utf-8"))
    swig = args.pjproject / "pjsip-apps" / "src" / "swig" / "python"
    includes = [
        f"-I{args.pjproject / part / 'include'}" for part in ("pjlib", "pjlib-util", "pjmedia", "pjsip", "pjnath")
    ]
    subprocess.run(
        ["swig", *includes, "-c++", "-w312", "-threads", "-python", "-o", "pjsua2_wrap.cpp", "../pjsua2.i"],
        cwd=swig, check=True,
    )  # fmt: skip
    vcpkg = Path(os.environ["VCPKG_INSTALLATION_ROOT"]) / "installed" / os.environ["VCPKG_DEFAULT_TRIPLET"]
    libraries = [lib.stem for folder in (args.installed / "lib", vcpkg / "lib") for lib in folder.glob("*.lib")]
    extension = Extension(
        "_pjsua2",
        [str(swig / "pjsua2_wrap.cpp")],
        include_dirs=[str(args.installed / "include"), str(vcpkg / "include")],
        library_dirs=[str(args.installed / "lib"), str(vcpkg / "lib")],
        libraries=libraries + WINDOWS_LIBRARIES,
        extra_compile_args=["/EHsc", "/bigobj", "/O2"],
    )
    built = args.out / "build"
    command = build_ext(Distribution({"name": "pjsua2", "ext_modules": [extension]}))
    command.build_lib = str(built)
    command.ensure_finalized()
    command.run()
    [module] = built.glob("_pjsua2*.pyd")
    (swig / module.name).write_bytes(module.read_bytes())
    build = SourceFileLoader("engine_build", str(ENGINE / "build")).load_module()
    target = {
        "tag": f"cp{sys.version_info[0]}{sys.version_info[1]}",
        "platform": sysconfig.get_platform().replace("-", "_").replace(".", "_"),
    }
    key = hashlib.sha256(json.dumps([options, target, "msvc"]).encode()).hexdigest()[:12]
    info = {
        "pjproject": options["source"]["pjproject"],
        "source_sha256": options["source"]["sha256"],
        "cmake": options["cmake"]["options"],
        "defines": options["defines"],
        "libraries": {"vcpkg": os.environ["VCPKG_DEFAULT_TRIPLET"]},
        "key": key,
    }
    wheel = build.make_wheel(args.out, swig, swig / module.name, info, target, key)
    print(f"built {wheel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
