$title Battery arbitrage over a cyclic day (circular lag t--1, charging losses)
*  Six four-hour blocks; the state of charge at the end of the day wraps to the start, so
*  the first block's balance reads the last block's state with soc(t--1).
*  Verified with glpsol (same LP in MathProg): charge in the cheapest block (15) until the
*  10 MWh store is full: 10/(4*0.9) = 2.7778 MW; discharge it in the dearest block (50) at
*  2.5 MW; revenue 4*(50*2.5 - 15*2.7778) = 333.3333.
*! solve 1 status 1 objective 333.3333333
*! ch.l(b2) = 2.777777778
*! dis.l(b4) = 2.5
*! soc.l(b3) = 10
*! soc.l(b5) = 0
*! card dis.l = 1
*! cycles = 1
Set t 'blocks' / b1*b6 /;
Parameter price(t) 'EUR/MWh' / b1 20, b2 15, b3 30, b4 50, b5 40, b6 25 /;
Scalars eta 'charging efficiency' / 0.9 /, emax 'MWh' / 10 /, pmax 'MW' / 5 /, len 'hours per block' / 4 /;
Positive Variables ch(t), dis(t), soc(t);
Variable rev;
Equations bal(t) 'state of charge, cyclic', defRev;
bal(t)..  soc(t) =e= soc(t--1) + len*eta*ch(t) - len*dis(t);
defRev..  rev =e= sum(t, len*price(t)*(dis(t) - ch(t)));
ch.up(t) = pmax;  dis.up(t) = pmax;  soc.up(t) = emax;
Model cyclic / all /;
solve cyclic using lp maximizing rev;
Scalar cycles 'full cycles per day';
cycles = sum(t, len*dis.l(t))/emax;
display ch.l, dis.l, soc.l, cycles;
