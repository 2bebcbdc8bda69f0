$title Heat pump using the building's thermal mass against hourly prices (lagged temperature)
*  tin(t) = tin(t-1) + 0.5 q(t) - 0.1 (tin(t-1) - tout(t)), comfort band 20-24 C, starting
*  at 21 C; electricity = heat / COP 3. Verified with glpsol (same LP in MathProg):
*  1.334395062; the house is preheated to 24 C by h3 at the cheap prices and coasts through
*  the dear h4.
*! solve 1 status 1 objective 1.334395062
*! q.l(h2) = 8
*! q.l(h4) = 0
*! q.l(h1) = 4.125925926
*! tin.l(h3) = 24
*! tin.l(h4) = 21.4
*! tin.l(h6) = 20
Set t 'hours' / h1*h6 /;
Parameters tout(t)  'outdoor C' / h1 0, h2 -2, h3 -4, h4 -2, h5 2, h6 4 /
           price(t) 'EUR/kWh'   / h1 0.20, h2 0.10, h3 0.15, h4 0.40, h5 0.35, h6 0.25 /;
Scalars t0 'initial indoor C' / 21 /, gain 'C per kWh heat' / 0.5 /, loss 'per hour' / 0.1 /, cop / 3 /;
Positive Variable q(t) 'heat kWh';
Variables tin(t) 'indoor C', cost;
Equations thermal(t), defCost;
thermal(t).. tin(t) =e= tin(t-1) + t0$(ord(t) = 1) + gain*q(t)
                        - loss*(tin(t-1) + t0$(ord(t) = 1) - tout(t));
defCost..    cost =e= sum(t, price(t)*q(t)/cop);
q.up(t) = 8;
tin.lo(t) = 20;  tin.up(t) = 24;
Model house / all /;
solve house using lp minimizing cost;
display q.l, tin.l;
