$title Household PV and battery with the load and PV profile read from a CSV file
*  Buy at 0.30, sell at 0.05 EUR/kWh; battery 5 kWh, 3 kW, 95% each way, empty at the start.
*  Verified with glpsol (same LP in MathProg): 0.4843074792. The battery stores the 4.5 kWh
*  the evening needs (4.5/0.95 = 4.7368 kWh stored) from the midday surplus and the rest is
*  sold; only h1 is bought. Each kWh of demand in h1 costs 0.30 (bal.m), at midday 0.05.
*  When the surplus is stored is not unique (h2-h4 are all worth 0.05), the totals are:
*  7.3 kWh surplus, 4.9861 kWh charged, 2.3138504 sold.
*! solve 1 status 1 objective 0.4843074792
*! buy.l(h1) = 2
*! soc.l(h4) = 4.736842105
*! sold = 2.313850416
*! charged = 4.986149584
*! bal.m(h1) = 0.3
*! bal.m(h3) = 0.05
*! prof(h5,load) = 3
Set t 'hours' / h1*h6 /;
Table prof(t,*) 'load and PV in kW'
$onDelim
$include data/solar_battery_csv_profile.csv
$offDelim
;
Scalars pbuy / 0.30 /, psell / 0.05 /, eta / 0.95 /;
Positive Variables buy(t), sell(t), ch(t), dis(t), soc(t);
Variable bill;
Equations bal(t), state(t), defBill;
bal(t)..    prof(t,'pv') + buy(t) + dis(t) =e= prof(t,'load') + sell(t) + ch(t);
state(t)..  soc(t) =e= soc(t-1) + eta*ch(t) - dis(t)/eta;
defBill..   bill =e= sum(t, pbuy*buy(t) - psell*sell(t));
ch.up(t) = 3;  dis.up(t) = 3;  soc.up(t) = 5;
Model home / all /;
solve home using lp minimizing bill;
Scalars sold, charged;
sold = sum(t, sell.l(t));
charged = sum(t, ch.l(t));
display prof, buy.l, soc.l, bal.m, sold, charged;
