"""Saves a spreadsheet with a LibreOffice filter, optionally encrypted with a password.

Run with the system python3 (python3-uno) against a LibreOffice listening on port 2002:
    soffice --headless --accept="socket,host=127.0.0.1,port=2002;urp;" &
    /usr/bin/python3 lo_save.py SRC DST "MS Excel 97" [PASSWORD]
Only for making the committed fixtures (make.sh); never part of the build or of CI.
"""
import sys
import time

import uno
from com.sun.star.beans import NamedValue, PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect():
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(100):
        try:
            return resolver.resolve(
                "uno:socket,host=127.0.0.1,port=2002;urp;StarOffice.ComponentContext")
        except Exception:
            time.sleep(0.2)
    raise SystemExit("LibreOffice is not listening on port 2002")


def main():
    src, dst, filter_name = sys.argv[1:4]
    password = sys.argv[4] if len(sys.argv) > 4 else None
    ctx = connect()
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(src), "_blank", 0,
                                       (prop("Hidden", True),))
    args = [prop("FilterName", filter_name)]
    if password and "2007" in filter_name:
        # OOXML: EncryptionData with OOXPassword gives an OLE2 file holding EncryptionInfo and
        # EncryptedPackage (MS-OFFCRYPTO standard encryption).
        key = NamedValue()
        key.Name = "OOXPassword"
        key.Value = password
        crypto = NamedValue()
        crypto.Name = "CryptoType"
        crypto.Value = "Standard"
        args.append(prop("EncryptionData",
                         uno.Any("[]com.sun.star.beans.NamedValue", (key, crypto))))
    elif password:
        args.append(prop("Password", password))  # BIFF8: RC4 encryption (a FILEPASS record)
    uno.invoke(doc, "storeToURL", (uno.systemPathToFileUrl(dst), tuple(args)))
    doc.close(True)


main()
