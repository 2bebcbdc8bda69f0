$title Wind curtailment behind an export limit
*  Wind 30, 80, 120, 60 MW against demand 50 and an export line of 40 MW that earns 5
*  EUR/MWh; gas (60 EUR/MWh) fills any gap, curtailment is free. By hand: h1 needs 20 MW of
*  gas (1200); the surplus 30, 70, 10 is exported up to 40 MW (80 MWh, 400), so h3 curtails
*  30. Cost 1200 - 400 = 800; wind covers 180 of the 200 MWh used locally.
*! solve 1 status 1 objective 800
*! gas.l(h1) = 20
*! curt.l(h3) = 30
*! exp.l(h3) = 40
*! exp.l(h2) = 30
*! totCurt = 30
*! share = 0.9
Set h 'hours' / h1*h4 /;
Parameter wind(h) 'MW' / h1 30, h2 80, h3 120, h4 60 /;
Scalars dem / 50 /, expMax / 40 /, gasCost / 60 /, expPrice / 5 /, totCurt, share 'wind share of the energy used';
Positive Variables gas(h), exp(h), curt(h);
Variable cost;
Equations bal(h), defCost;
bal(h)..   wind(h) - curt(h) + gas(h) =e= dem + exp(h);
defCost..  cost =e= sum(h, gasCost*gas(h) - expPrice*exp(h));
exp.up(h) = expMax;
Model curtail / all /;
solve curtail using lp minimizing cost;
totCurt = sum(h, curt.l(h));
share = sum(h, wind(h) - curt.l(h) - exp.l(h))/(card(h)*dem);
display gas.l, curt.l, exp.l, totCurt, share;
