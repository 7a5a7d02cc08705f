#!/usr/bin/env python3
"""Pixel baseline of the playback-speed probe on a folder of 64x64 videos (synvid generate --res 64 --out DIR):
motion-energy features of 8 grey frames at stride 1, 2 or 4 and a logistic regression (numpy only); one clip per video
and class, test = every fifth video. Usage: pixel_speed_baseline.py DIR"""
import numpy as np, subprocess, glob, random, sys
vids = sorted(glob.glob(sys.argv[1].rstrip('/') + '/videos/*.mp4'))
def frames(p):
    raw = subprocess.run(['ffmpeg','-loglevel','error','-i',p,'-f','rawvideo','-pix_fmt','gray','-'],capture_output=True).stdout
    return np.frombuffer(raw,np.uint8).reshape(-1,64,64).astype(np.float32)/255
rng = random.Random(0); X=[];Y=[];G=[]
for vi,p in enumerate(vids):
    f = frames(p)
    for label,s in enumerate([1,2,4]):
        start = rng.randrange(len(f)-7*4)
        c = f[start:start+8*s:s][:8]
        d = np.abs(np.diff(c,axis=0))
        X.append([d.mean(), (d>0.1).mean(), c.std(axis=0).mean()]); Y.append(label); G.append(vi)
X=np.array(X);Y=np.array(Y);G=np.array(G)
test = G % 5 == 0
mu=X[~test].mean(0); sd=X[~test].std(0)+1e-9; Xn=(X-mu)/sd
W=np.zeros((3,3));b=np.zeros(3)
for it in range(3000):
    z=Xn[~test]@W+b; z-=z.max(1,keepdims=True); p=np.exp(z); p/=p.sum(1,keepdims=True)
    t=np.eye(3)[Y[~test]]; g=(p-t)/len(t); W-=0.5*Xn[~test].T@g; b-=0.5*g.sum(0)
acc=((Xn[test]@W+b).argmax(1)==Y[test]).mean()
print(f'pixel baseline (3 motion-energy features, logistic regression): test top-1 {100*acc:.1f}% on {test.sum()} clips')
