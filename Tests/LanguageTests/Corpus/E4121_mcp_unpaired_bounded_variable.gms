* The capacity price mu is bounded but no equation is paired with it
Set g / coal, gas /;
Parameter cost(g) / coal 10, gas 20 /;
Positive Variables q(g), mu(g), lam;
Equations supply(g), balance;
supply(g).. cost(g) + mu(g) - lam =g= 0;
balance.. sum(g, q(g)) =g= 60;
Model clearing / supply.q, balance.lam /;
solve clearing using mcp;
