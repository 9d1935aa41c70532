# BLAKE2 and SHA-3 digests, as hashlib gives them: digest sizes, keys, salts and
# persons, extendable output, copies, HMAC over them, and their errors.
import hashlib
import hmac

for data in [b"", b"abc", b"x" * 127, b"x" * 128, b"x" * 129, b"hello world" * 30]:
    print(hashlib.blake2b(data).hexdigest()[:32], hashlib.blake2b(data, digest_size=8).hexdigest(), hashlib.blake2s(data).hexdigest()[:24])
    print(hashlib.blake2b(data, digest_size=20, key=b"secret", salt=b"salty", person=b"me").hexdigest(), hashlib.blake2s(data, digest_size=16, key=b"k" * 32).hexdigest())
    print([hashlib.new(f"sha3_{b}", data).hexdigest()[:20] for b in (224, 256, 384, 512)], hashlib.shake_128(data).hexdigest(12), hashlib.shake_256(data).hexdigest(70)[-20:])
h = hashlib.blake2b(b"ab"); c = h.copy(); h.update(b"c" * 300); print(h.hexdigest()[:16], c.hexdigest()[:16], h.digest_size, h.block_size, h.name, type(h).__name__)
s = hashlib.sha3_256(); s.update(b"part1"); s2 = s.copy(); s.update(b"part2"); print(s.hexdigest()[:16], s2.hexdigest()[:16], s.name, s.digest_size, s.block_size)
print(sorted(hashlib.algorithms_guaranteed))
print(hmac.new(b"key", b"msg", "sha3_256").hexdigest()[:20], hmac.new(b"key", b"msg", hashlib.blake2s).hexdigest()[:20])
for bad in [lambda: hashlib.blake2b(digest_size=65), lambda: hashlib.blake2s(key=b"x" * 33), lambda: hashlib.shake_128(b"x").hexdigest(), lambda: hashlib.blake2b("text")]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
