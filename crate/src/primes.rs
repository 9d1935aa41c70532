//! A job that only computes, never waits: counting primes below a limit, split into
//! parts. It shows concurrency against parallelism. As tasks on one loop, the parts
//! take turns, a block of numbers per step, and take as long as one part after another;
//! on Web Workers (the page's `worker.js`, each with this core of its own) they run at
//! the same instant, on as many cores as the machine lends them.

use crate::runtime::{Error, Runtime};

/// How many numbers make a block. The numbers below the limit are dealt out to the parts
/// a block at a time, in turn, so every part gets small and large numbers alike and its
/// share of the work; on the loop, a task counts one block per step.
pub const BLOCK: u32 = 20_000;

/// Whether `n` is prime, by trial division: plain work for the processor, on purpose.
fn is_prime(n: u32) -> bool {
    if n < 4 {
        return n >= 2;
    }
    if n.is_multiple_of(2) {
        return false;
    }
    let mut d = 3;
    while d * d <= n {
        if n.is_multiple_of(d) {
            return false;
        }
        d += 2;
    }
    true
}

/// How many primes there are in `from..to`.
pub fn count_range(from: u32, to: u32) -> u32 {
    (from..to).filter(|&n| is_prime(n)).count() as u32
}

/// The blocks of part `part` of `parts` of the numbers below `limit`, in order.
pub fn blocks(limit: u32, parts: u32, part: u32) -> impl Iterator<Item = (u32, u32)> {
    let count = limit.div_ceil(BLOCK);
    (part..count).step_by(parts.max(1) as usize).map(move |block| (block * BLOCK, ((block + 1) * BLOCK).min(limit)))
}

/// How many primes part `part` of `parts` holds: a worker's whole job, done at once.
pub fn count_part(limit: u32, parts: u32, part: u32) -> u32 {
    blocks(limit, parts, part).map(|(from, to)| count_range(from, to)).sum()
}

/// The label of the task that counts part `part` (from 0), as a Python call.
pub fn label(limit: u32, parts: u32, part: u32) -> String {
    format!("count_primes({limit}, {parts}, {part})")
}

/// How many steps the loop takes for the job: `main()`'s first and last, and a step
/// per block of each part (its last step counts its last block and returns; a part
/// with no block takes one step all the same).
pub fn steps(limit: u32, parts: u32) -> usize {
    2 + (0..parts).map(|part| blocks(limit, parts, part).count().max(1)).sum::<usize>()
}

/// ```python
/// async def count_primes(limit, parts, part):
///     found = 0
///     for block in blocks(limit, parts, part):
///         found += count(block)      # work, no waiting
///         await asyncio.sleep(0)     # let the other parts have a turn
///     print(f"part {part + 1}: {found} primes")
///     return found
///
/// async def main():
///     counts = await asyncio.gather(*(count_primes(limit, parts, p) for p in range(parts)))
///     print(f"{sum(counts)} primes below {limit}")
/// ```
pub async fn on_one_loop(rt: Runtime, limit: u32, parts: u32) -> Result<(), Error> {
    let tasks = (0..parts).map(|part| (label(limit, parts, part), count_primes(rt.clone(), limit, parts, part)));
    let counts = rt.gather(tasks).await?;
    rt.print(format!("{} primes below {limit}", counts.iter().sum::<u32>()));
    Ok(())
}

async fn count_primes(rt: Runtime, limit: u32, parts: u32, part: u32) -> Result<u32, Error> {
    let mut found = 0;
    let mut blocks = blocks(limit, parts, part).peekable();
    while let Some((from, to)) = blocks.next() {
        found += count_range(from, to);
        // The step took a while: the trace should say how long.
        rt.worked();
        if blocks.peek().is_some() {
            rt.sleep(0.0).await?;
        }
    }
    rt.print(format!("part {}: {found} primes", part + 1));
    Ok(found)
}
