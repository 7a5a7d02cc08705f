#!/usr/bin/env python3
"""Reads training clips with OpenCV's in-process reader, for comparison with SynVid's `video-clips` benchmark.

MANIFEST has one clip per line: `PATH<TAB>i0,i1,...` (ascending frame indices). Each clip is read as an OpenCV-based
loader reads it: open the file, seek to the first index (CAP_PROP_POS_FRAMES), then decode forward, keeping (and
converting to RGB) only the wanted frames. Prints clips/s and CPU milliseconds per clip (all threads of this process,
including OpenCV's decoding threads) on the last line.
"""
import argparse
import time
from concurrent.futures import ThreadPoolExecutor

import cv2


def read_clip(path, indices):
    capture = cv2.VideoCapture(path)
    try:
        capture.set(cv2.CAP_PROP_POS_FRAMES, indices[0])
        wanted = set(indices)
        frames = []
        for index in range(indices[0], indices[-1] + 1):
            if index in wanted:
                ok, image = capture.read()
                if not ok:
                    raise RuntimeError(f"{path}: frame {index} could not be read")
                frames.append(cv2.cvtColor(image, cv2.COLOR_BGR2RGB))
            elif not capture.grab():
                raise RuntimeError(f"{path}: frame {index} could not be decoded")
        return frames
    finally:
        capture.release()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("manifest")
    parser.add_argument("--threads", type=int, default=1, help="clips read concurrently (OpenCV releases the GIL)")
    parser.add_argument("--repeat", type=int, default=1, help="read the list this many times")
    args = parser.parse_args()
    clips = []
    with open(args.manifest) as f:
        for line in f:
            path, indices = line.rstrip("\n").split("\t")
            clips.append((path, [int(i) for i in indices.split(",")]))
    clips = clips * args.repeat
    read_clip(*clips[0])  # warm-up: loads the codec libraries
    cpu, wall = time.process_time(), time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.threads) as pool:
        for _ in pool.map(lambda c: read_clip(*c), clips):
            pass
    wall = time.perf_counter() - wall
    cpu = time.process_time() - cpu
    print(f"OpenCV {cv2.__version__} {args.threads}T: {len(clips) / wall:.1f} clips/s, {1000 * cpu / len(clips):.1f} CPU-ms/clip")


if __name__ == "__main__":
    main()
