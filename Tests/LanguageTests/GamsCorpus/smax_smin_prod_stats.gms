$title Fleet statistics with smax, smin, prod, card and ord (no solve)
*  By hand: peak load 140 (h3), minimum 60 (h1), average (60+110+140+90)/4 = 100, load
*  factor 100/140 = 0.714285714; survival probability of three independent units with
*  availabilities 0.9, 0.95, 0.8 = 0.684; the hour with the peak has ord 3.
*! peak = 140
*! low = 60
*! lf = 0.7142857143
*! allUp = 0.684
*! peakHour = 3
*! above(h2) = 10
*! above(h3) = 40
*! nAbove = 2
*! rank(h3) = 1
*! rank(h1) = 4
Sets h 'hours' / h1*h4 /
     k 'units' / k1*k3 /;
Alias (h,hh);
Parameters load(h) / h1 60, h2 110, h3 140, h4 90 /
           avail(k) / k1 0.9, k2 0.95, k3 0.8 /
           above(h) 'load above the average', rank(h) 'rank by load, highest first';
Scalars peak, low, avg, lf, allUp, peakHour, nAbove;
peak = smax(h, load(h));
low  = smin(h, load(h));
avg  = sum(h, load(h))/card(h);
lf   = avg/peak;
allUp = prod(k, avail(k));
peakHour = sum(h$(load(h) = peak), ord(h));
above(h) = max(0, load(h) - avg);
nAbove = sum(h$above(h), 1);
rank(h) = 1 + sum(hh$(load(hh) > load(h)), 1);
display peak, low, lf, allUp, peakHour, above, nAbove, rank;
