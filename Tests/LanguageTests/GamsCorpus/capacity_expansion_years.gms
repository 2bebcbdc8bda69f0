$title Capacity expansion over planning years (year labels, .val discounting)
*  Three investment years five years apart; demand in average MW, a peak to cover with
*  capacity credits; running costs count for the five years of a step (5 * 8.76 GWh per
*  average MW), everything discounted at 5% with disc(y) = 1/1.05**(y.val - 2020).
*  Verified with glpsol (same LP in MathProg): 236548.9501; wind 114.2857 MW in 2020 and
*  57.1429 in 2025, gas 12.8571 in 2025 (for the peak) and 20 in 2030, running in 2030.
*! solve 1 status 1 objective 236548.9501
*! inv.l(wind,2020) = 114.2857143
*! inv.l(wind,2025) = 57.14285714
*! inv.l(gas,2025) = 12.85714286
*! inv.l(gas,2030) = 20
*! gen.l(gas,2030) = 20
*! disc(2030) = 0.6139132535
*! disc(2025) = 0.7835261665
*! capTot(wind,2030) = 171.4285714
*! capTot(gas,2020) = 50
Sets y 'planning years' / 2020, 2025, 2030 /
     te 'technologies'  / gas, wind, solar /;
Alias (y,yy);
Table tech(te,*) 'technology data'
            ic     vc     af     cc    exist
   gas     600     60    0.9    1.0      50
   wind   1200      0    0.35   0.1
   solar   700      0    0.2    0.0 ;
Parameters dem(y)  'average demand MW' / 2020 40, 2025 60, 2030 80 /
           peak(y) 'peak demand MW'    / 2020 60, 2025 80, 2030 100 /
           disc(y) 'discount factor';
disc(y) = 1/1.05**(y.val - 2020);
Positive Variables inv(te,y) 'new capacity MW', gen(te,y) 'average output MW';
Variable npv;
Equations meet(y), avail(te,y), firm(y), defNpv;
meet(y)..      sum(te, gen(te,y)) =g= dem(y);
avail(te,y)..  gen(te,y) =l= tech(te,'af')*(tech(te,'exist') + sum(yy$(yy.val <= y.val), inv(te,yy)));
firm(y)..      sum(te, tech(te,'cc')*(tech(te,'exist') + sum(yy$(ord(yy) <= ord(y)), inv(te,yy)))) =g= peak(y);
defNpv..       npv =e= sum(y, disc(y)*(sum(te, tech(te,'ic')*inv(te,y))
                                     + 5*8.76*sum(te, tech(te,'vc')*gen(te,y))));
Model expand / all /;
solve expand using lp minimizing npv;
Parameter capTot(te,y) 'installed capacity';
capTot(te,y) = tech(te,'exist') + sum(yy$(yy.val <= y.val), inv.l(te,yy));
display disc, inv.l, gen.l, capTot;
