$title Charging three electric vehicles inside their parking windows under a site limit
*  Each car may charge (7 kW at most) only between its arrival and departure hours; the site
*  connection carries 13 kW. Verified with glpsol (same LP in MathProg) and by hand: the 36
*  kWh needed fill the two cheapest hours h3 (18) and h2 (22) up to the site limit and put
*  the last 10 kWh in h4 (25): 234 + 286 + 250 = 770. Which car charges when is not unique;
*  the hourly totals and the prices are: one more kWh for any car costs 25 (need.m), one
*  more kW of site capacity saves 7 in h3 and 3 in h2.
*! solve 1 status 1 objective 770
*! load(h3) = 13
*! load(h2) = 13
*! load(h4) = 10
*! need.m(ev2) = 25
*! site.m(h3) = -7
*! site.m(h2) = -3
*! card window = 13
Sets e 'vehicles' / ev1*ev3 /
     t 'hours' / h1*h6 /
     window(e,t) 'car e is parked in hour t';
Parameters price(t) / h1 30, h2 22, h3 18, h4 25, h5 35, h6 28 /
           energy(e) 'kWh needed' / ev1 14, ev2 10, ev3 12 /
           arrive(e) / ev1 1, ev2 2, ev3 3 /
           depart(e) / ev1 4, ev2 6, ev3 6 /
           load(t) 'site load';
Scalars pmax 'charger kW' / 7 /, siteMax 'kW' / 13 /;
window(e,t) = ord(t) >= arrive(e) and ord(t) <= depart(e);
Positive Variable c(e,t) 'charging power';
Variable cost;
Equations need(e), site(t), defCost;
need(e)..  sum(window(e,t), c(e,t)) =g= energy(e);
site(t)..  sum(window(e,t), c(e,t)) =l= siteMax;
defCost..  cost =e= sum(window(e,t), price(t)*c(e,t));
c.up(window(e,t)) = pmax;
Model charge / all /;
solve charge using lp minimizing cost;
load(t) = sum(e, c.l(e,t));
display window, load, need.m, site.m;
