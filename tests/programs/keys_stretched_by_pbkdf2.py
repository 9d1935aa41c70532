# hashlib.pbkdf2_hmac: keys stretched by thousands of HMAC rounds, as password
# storage and CPU-bound examples use it, and its errors.
import hashlib

for name in ("sha256", "sha1", "md5", "sha512", "sha384", "sha224"):
    print(name, hashlib.pbkdf2_hmac(name, b"password", b"salt", 1000).hex()[:40], hashlib.pbkdf2_hmac(name, b"k" * 200, b"NaCl", 3, 100).hex()[-30:])
print(hashlib.pbkdf2_hmac("sha256", b"secret", b"pepper", 100_000).hex())
for bad in [lambda: hashlib.pbkdf2_hmac("nope", b"", b"", 1), lambda: hashlib.pbkdf2_hmac("sha1", b"", b"", 0), lambda: hashlib.pbkdf2_hmac("sha1", "pw", b"", 1)]:
    try: bad()
    except (ValueError, TypeError) as e: print(type(e).__name__, e)
