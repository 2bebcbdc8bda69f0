$title A dispatch file in the energy-model style: declarations first, data from an include
*  Sets and parameters are declared bare (no domain, no data); the data file fills them in.
*  The balance equation is declared bare and defined over h. By hand: wind first (30, 60,
*  12 MW), lignite next (90, 90, 100), CCGT the rest (58 MW in h3):
*  15*280 + 45*58 = 4200 + 2610 = 6810; prices 15, 15, 45.
*! solve 1 status 1 objective 6810
*! gen.l(wind,h1) = 30
*! gen.l(lignite,h2) = 90
*! gen.l(ccgt,h3) = 58
*! balance.m(h3) = 45
*! balance.m(h1) = 15
*! windShare = 0.2318181818
Set plant, h;
Parameters pcap, pcost, avail, load;
Equation balance;
Equation capacity, objective;
Nonnegative Variable gen;
Variable cost;
Scalar windShare;
$include data/bare_declarations_energy_data.inc
balance(h)..           sum(plant, gen(plant,h)) =e= load(h);
capacity(plant,h)..    gen(plant,h) =l= avail(plant,h)*pcap(plant);
objective..            cost =e= sum((plant,h), pcost(plant)*gen(plant,h));
Model dispatch / balance, capacity,
                 objective /;
solve dispatch use lp min cost;
windShare = sum(h, gen.l('wind',h))/sum(h, load(h));
display gen.l, balance.m, windShare;
