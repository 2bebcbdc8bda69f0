$title Battery arbitrage over six hours (lags, leads and a fixed initial state)
*  Prices 10 30 10 40 20 50, battery 2 kWh, 1 kW each way, starting and ending empty.
*  Charge at 10 (h1), sell at 30 (h2), charge at 10 (h3), sell at 40 (h4), charge at 20
*  (h5), sell at 50 (h6): revenue 20 + 30 + 30 = 80.
*! solve 1 status 1 objective 80
*! soc.l(h1) = 1
*! soc.l(h2) = 0
*! soc.l(h5) = 1
*! dis.l(h6) = 1
*! ch.l(h3) = 1
*! soc.l(h6) = 0
Set h 'hours' / h1*h6 /;
Parameter price(h) / h1 10, h2 30, h3 10, h4 40, h5 20, h6 50 /;
Scalar cap 'kWh' / 2 /, rate 'kW' / 1 /;
Positive Variables ch(h), dis(h), soc(h);
Variable rev;
Equations balance(h), first(h), revenue;
balance(h)$(ord(h) > 1).. soc(h) =e= soc(h-1) + ch(h) - dis(h);
first(h)$(ord(h) = 1)..   soc(h) =e= ch(h) - dis(h);
revenue.. rev =e= sum(h, price(h)*(dis(h) - ch(h)));
soc.up(h) = cap;
ch.up(h) = rate;
dis.up(h) = rate;
soc.fx(h)$(ord(h) = card(h)) = 0;
Model arbitrage / all /;
solve arbitrage using lp maximizing rev;
display soc.l, dis.l, ch.l;
